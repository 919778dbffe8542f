/*
 * The provider catalog: what keeps each carrier's number alive, where to renew,
 * and how sure we are. Pages import from here; the data lives one file per region.
 */
export { PROVIDERS, providerById } from './catalog';
export { CONFIDENCE_MESSAGE } from './labels';
export { providerDisplayName } from './names';
export { describeGrace, describeRuleTemplate, renderProvidersMarkdown } from './markdown';
export {
  PROVIDER_FIELDS,
  applyProviderDefaults,
  countsInDestinationZone,
  fillRule,
  overriddenFields,
  templateForCard,
  type CardTemplate,
  type CardTemplateOptions,
  type FilledRule,
  type ProviderField,
  type RuleAnswers,
  type RuleDates,
  type RuleGap,
} from './template';
export { providerSchema, ruleTemplateSchema, type Confidence, type DayBoundary, type Provider, type RuleTemplate } from './schema';

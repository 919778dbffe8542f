import type { MessageKey } from '../browser/i18n';
import type { Confidence } from './schema';

/** The message explaining a confidence letter to the user, for `t()`. */
export const CONFIDENCE_MESSAGE: Readonly<Record<Confidence, MessageKey>> = {
  H: 'provider_confidence_h',
  M: 'provider_confidence_m',
  L: 'provider_confidence_l',
  BK: 'provider_confidence_bk',
  unknown: 'provider_confidence_unknown',
};

/**
 * The provider's display name in the user's language, or `null` for a card
 * without a provider. Until the catalog lands, the stored id is shown as is.
 */
export function providerName(providerId: string | null, _language: string): string | null {
  return providerId;
}

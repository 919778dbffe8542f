/*
 * Money: what each card costs to keep, per month and per year, from its own
 * payments and rule (or the catalog's published price), totals per currency,
 * and one total at rates the user typed in. Pure; no rate service, no network.
 */
export * from './convert';
export * from './cost';
export * from './format';
export * from './price';
export * from './amount-form';

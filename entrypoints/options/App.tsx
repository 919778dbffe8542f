export function OptionsApp() { return <p>options</p>; }

export function PopupApp() { return <p>popup</p>; }

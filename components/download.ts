/**
 * Offers `text` as a file download through an `<a download>` and a Blob URL:
 * no `downloads` permission, nothing leaves the browser.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download; free it after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `sim-keeper-backup-2026-11-27.json` and the like, dated on the user's day. */
export function datedFileName(stem: string, today: string, extension: string): string {
  return `${stem}-${today}.${extension}`;
}

import { DOCUMENT, inject, Service } from '@angular/core';

/** How long a saved file's object URL is kept: the browser has taken the file long before. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Saves a file the SPA fetched (through the BFF, with its CSRF header) as a download. Kept behind a
 * service because a test browser (jsdom) has no object URLs or downloads; tests record instead.
 */
@Service()
export class BrowserDownload {
  private readonly document = inject(DOCUMENT);

  save(blob: Blob, fileName: string): void {
    const url = URL.createObjectURL(blob);
    const link = this.document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    this.document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

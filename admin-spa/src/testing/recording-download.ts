import { Service } from '@angular/core';

import { BrowserDownload } from '../app/core/browser/browser-download';

/** Stands in for `BrowserDownload` in tests (jsdom cannot save files): records what was saved. */
@Service({ autoProvided: false })
export class RecordingDownload extends BrowserDownload {
  readonly saved: { blob: Blob; fileName: string }[] = [];

  override save(blob: Blob, fileName: string): void {
    this.saved.push({ blob, fileName });
  }
}

import { Readable } from 'node:stream';

/**
 * A response body stream that fails with `message`: before its first byte (`early`), or 20 ms
 * after one chunk went out.
 */
export function failingStream(early: boolean, message: string): Readable {
  return new Readable({
    read() {
      if (early) {
        this.destroy(new Error(message));
        return;
      }
      this.push('partial');
      setTimeout(() => this.destroy(new Error(message)), 20);
    },
  });
}

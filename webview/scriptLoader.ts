// Runs another of the panel's own scripts after the page has loaded. The CSP runs only scripts that
// carry this page's nonce, so the new script gets the nonce of the one that loads it.

/** Loads `src` and returns the global `name` it defines; rejects when it cannot be loaded. */
export function loadScript<T>(src: string, nonce: string, name: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.nonce = nonce;
    script.src = src;
    script.addEventListener('load', () => {
      const value = (window as unknown as Record<string, T | undefined>)[name];
      if (value) resolve(value);
      else reject(new Error(`${src} did not define ${name}`));
    });
    script.addEventListener('error', () => reject(new Error(`${src} could not be loaded`)));
    document.head.append(script);
  });
}

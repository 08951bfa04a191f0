// The part of picomatch (MIT) the server uses; the package ships no type declarations and
// @types/picomatch would be one more development dependency for two functions.
declare module 'picomatch' {
  interface PicomatchOptions {
    /** Match names that start with a dot, as VS Code's `files.exclude` globs do. */
    dot?: boolean;
  }
  function picomatch(glob: string | string[], options?: PicomatchOptions): (input: string) => boolean;
  export = picomatch;
}

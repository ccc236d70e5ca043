// adminjs publishes `adminjs/bundler` without types: the part of it scripts/build-admin-bundle.mjs uses.
declare module 'adminjs/bundler' {
  interface RollupPlugin {
    name: string;
    resolveId?(source: string, importer: string | undefined): string | null;
  }
  export const componentsBundler: {
    inputOptions: { plugins: RollupPlugin[] };
    setInputOption(name: 'plugins', value: RollupPlugin[]): void;
    createEntry(options: { dir: string; content: string }): Promise<void>;
    build(): Promise<void>;
  };
}

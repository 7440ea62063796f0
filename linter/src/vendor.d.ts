// Types for the deep imports of CommonJS files that hipaa-lint loads on
// purpose instead of the packages' entries (see the importing modules).

declare module "handlebars/dist/cjs/handlebars/compiler/base.js" {
  export function parseWithoutProcessing(source: string): unknown;
  export const parser: unknown;
}

declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  const porterStemmer: { stem(word: string): string };
  export default porterStemmer;
}

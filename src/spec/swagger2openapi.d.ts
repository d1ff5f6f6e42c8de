// swagger2openapi ships no types; this is the part of its API runwarden calls (index.js `convert`, 7.0.x).
declare module 'swagger2openapi' {
  interface ConvertOptions {
    patch?: boolean;
    warnOnly?: boolean;
    direct?: boolean;
    resolve?: boolean;
    text?: string;
    source?: string;
    /** Set by the converter: how many fixes it applied. */
    patches?: number;
  }
  export function convert(swagger: object, options: ConvertOptions): Promise<Record<string, unknown>>;
  const converter: { convert: typeof convert };
  export default converter;
}

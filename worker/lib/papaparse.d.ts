/**
 * The slice of papaparse the Worker uses: parsing a CSV string synchronously. Declared here
 * rather than through @types/papaparse, which pulls Node's types into the Worker's build.
 */
declare module 'papaparse' {
  export interface ParseError {
    type: string;
    code: string;
    message: string;
    row?: number;
  }
  export interface ParseResult<T> {
    data: T[];
    errors: ParseError[];
    meta: { delimiter: string; linebreak: string; aborted: boolean };
  }
  export interface ParseConfig {
    delimiter?: string;
    header?: false;
    skipEmptyLines?: boolean | 'greedy';
    dynamicTyping?: false;
  }
  export function parse(input: string, config?: ParseConfig): ParseResult<string[]>;
  const Papa: { parse: typeof parse };
  export default Papa;
}

/** Types of boot.mjs. */
export declare const PLAYGROUND: string;

export interface Playground {
  strapi: any;
  baseUrl: string;
  close(): Promise<void>;
}

export declare function bootPlayground(): Promise<Playground>;

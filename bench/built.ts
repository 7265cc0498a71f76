/**
 * A module of the built bot, for the micro-benchmarks: from dist/ (after `npm run build`), or from another build given
 * as DIST, an absolute path (a copy of an older build's dist/, to compare the two run back to back).
 */
/** Which build: named in what the benchmarks print. */
export const BUILT_FROM = process.env.DIST ?? '../dist';

export const loadBuilt = <T>(path: string) => import(`${BUILT_FROM}/${path}`) as Promise<T>;

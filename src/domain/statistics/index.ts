export * from './disclosure.ts';
export * from './rates.ts';
export { Rational, rref, determinedUnknowns } from './linear.ts';
export * from './live.ts';

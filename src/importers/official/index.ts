export * from './types.ts';
export * from './codes.ts';
export * from './ircc.ts';
export * from './irb.ts';
export * from './report.ts';

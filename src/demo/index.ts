export { DEMO_EVENT_TYPES, DEMO_SOURCES, generateDemo } from './generate.ts';
export type { DemoEvent, DemoEventType, DemoGroup, DemoOptions } from './generate.ts';

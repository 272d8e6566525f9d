import { buildTemplate } from './support/template.ts';

/** Vitest global setup: migrate once into a template that every test file copies. */
export default async function setup(): Promise<void> {
  await buildTemplate();
}

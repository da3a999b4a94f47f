import { z } from 'zod';

export const LocalizedLabel = z.object({ en: z.string(), es: z.string() });
export const TaxonomyTerm = z.object({ code: z.string(), label: LocalizedLabel });
export const TypeTerm = TaxonomyTerm.extend({ stage: z.string() });

export const Taxonomy = z.object({
  stages: z.array(TaxonomyTerm),
  clusters: z.array(TaxonomyTerm),
  types: z.array(TypeTerm),
  skills: z.array(TaxonomyTerm),
  modes: z.array(TaxonomyTerm),
  compensation: z.array(TaxonomyTerm),
});
export type Taxonomy = z.infer<typeof Taxonomy>;

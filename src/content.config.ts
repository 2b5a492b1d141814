import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";

/** The reader's altitude a lesson is written for, lowest first. */
export const levels = ["Zero", "Junior", "Middle", "Senior"] as const;

const lessons = defineCollection({
  loader: glob({ pattern: "**/[0-9][0-9]-*.mdx", base: "./content/lessons" }),
  schema: z.object({
    title: z.string().min(1),
    summary: z.string().min(1),
    level: z.enum(levels),
    /** Minutes an attentive reader needs, running the snippets included. */
    minutes: z.number().int().positive(),
    goal: z.string().min(1),
  }),
});

export const collections = { lessons };

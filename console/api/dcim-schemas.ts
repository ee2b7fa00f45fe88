/** Inputs of the facility API (the model's own schemas live in facility/). */
import { z } from 'zod';
import { readingMetrics } from '../../facility/index.js';
export { componentSchema, facilitySchema } from '../../facility/index.js';

export const sweepRunBody = z.strictObject({});

export const recordReadingsInput = z
  .object({
    readings: z
      .array(
        z
          .object({
            componentId: z.string().min(1).max(64),
            metric: z.enum(readingMetrics),
            value: z.number().finite(),
            measuredAt: z.iso.datetime({ offset: true }).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(5000),
  })
  .strict();
export type RecordReadingsInput = z.output<typeof recordReadingsInput>;

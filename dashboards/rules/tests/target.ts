/**
 * Target labels Prometheus would add to every scraped input series.
 */
import { CONSOLE_SCRAPE_JOB } from '../../../console/metrics/catalogue.js';

export const target = { job: CONSOLE_SCRAPE_JOB, instance: 'console:8080' } as const;

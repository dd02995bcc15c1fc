import type { PrdInput } from './api/generations-api';
import type { StartRequest } from './api/generations-api';

/**
 * The brief of the first-run example PRD: a small, made-up product, written by
 * the offline template provider (no AI provider needed, no cost), so a new
 * user sees a complete PRD, its sections and its quality check at once.
 */
export const examplePrdBrief: PrdInput = {
  product_name: 'Lunch Roulette',
  description: 'A web app that pairs colleagues at random for lunch once a week, so people in a growing company meet beyond their own team.',
  target_audience: 'employees of companies with 50 to 500 people, and the people team that runs the programme',
  key_features: ['Weekly random pairing with opt-in and opt-out', 'Calendar invitation for both people', 'Feedback after each lunch'],
  constraints: ['Sign-in with the company’s existing single sign-on', 'No personal data beyond name, e-mail and team'],
};

/** The request that writes the example with the template provider. */
export const examplePrdRequest: StartRequest = { kind: 'prd', input: examplePrdBrief, provider: 'template' };

/**
 * `/api/v1/me`: students and guardians on their own record, by a short bearer session opened
 * from an emailed sign-in link or a student number and access code (issue 13).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../env.js';

export const me = new Hono<AppEnv>();

/**
 * `/api/v1/supervise`: a workplace supervisor acts on their placements through an emailed,
 * scoped, expiring link, without a staff account (issue 13).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env.js';

export const supervise = new Hono<AppEnv>();

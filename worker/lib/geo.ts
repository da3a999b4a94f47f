import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

export interface Point {
  lat: number;
  lng: number;
}

const EARTH_KM = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in kilometres. */
export function haversineKm(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A latitude/longitude box that contains every point within `km` of `p` (for an index range). */
export function boundingBox(p: Point, km: number) {
  const dLat = km / 111.32;
  const cos = Math.cos(rad(p.lat));
  const dLng = cos < 1e-6 ? 180 : km / (111.32 * cos);
  return { minLat: p.lat - dLat, maxLat: p.lat + dLat, minLng: Math.max(-180, p.lng - dLng), maxLng: Math.min(180, p.lng + dLng) };
}

/**
 * The same great-circle distance as SQL for D1 (which has sin, cos, acos, radians), from `from`
 * to the point in the columns `lat` and `lng`. Binds from's lat, lat, lng.
 */
export const sqlDistanceKm = (from: Point, lat: SQLWrapper, lng: SQLWrapper): SQL => sql`(${sql.raw(String(EARTH_KM))} * acos(min(1.0, max(-1.0,
  sin(radians(${from.lat})) * sin(radians(${lat})) + cos(radians(${from.lat})) * cos(radians(${lat})) * cos(radians(${lng}) - radians(${from.lng}))))))`;

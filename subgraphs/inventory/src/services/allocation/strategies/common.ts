// Building blocks shared by the strategies: location orderings and a mutable view of candidate stock.
import type { CandidateLocation, Pick, PlanInput } from './types';

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle (haversine) distance in km. */
export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Nearest first, then priority, then code (deterministic). */
export function byDistance(a: CandidateLocation, b: CandidateLocation): number {
  return a.distanceKm - b.distanceKm || a.priority - b.priority || a.code.localeCompare(b.code);
}

/** Priority first, then nearest, then code. */
export function byPriority(a: CandidateLocation, b: CandidateLocation): number {
  return a.priority - b.priority || a.distanceKm - b.distanceKm || a.code.localeCompare(b.code);
}

/** Candidate stock that shrinks as picks are made, and the picks made so far. */
export class PlanState {
  readonly picks: Pick[] = [];
  readonly remaining: Map<string, number>;
  private readonly stock: Map<string, Map<string, number>>;

  constructor(input: PlanInput) {
    this.remaining = new Map(input.missing);
    this.stock = new Map([...input.sellable].map(([locationId, skus]) => [locationId, new Map(skus)]));
  }

  sellable(locationId: string, sku: string): number {
    return this.stock.get(locationId)?.get(sku) ?? 0;
  }

  /** Takes up to `quantity` of `sku` at the location; returns how many were taken. */
  take(locationId: string, sku: string, quantity: number): number {
    const units = Math.min(quantity, this.sellable(locationId, sku), this.remaining.get(sku) ?? 0);
    if (units <= 0) return 0;
    this.stock.get(locationId)!.set(sku, this.sellable(locationId, sku) - units);
    const left = this.remaining.get(sku)! - units;
    if (left > 0) this.remaining.set(sku, left);
    else this.remaining.delete(sku);
    const existing = this.picks.find((pick) => pick.sku === sku && pick.locationId === locationId);
    if (existing) existing.quantity += units;
    else this.picks.push({ sku, locationId, quantity: units });
    return units;
  }

  /** Fills every remaining line from the locations in this order, splitting lines as needed. */
  split(order: readonly CandidateLocation[]): void {
    for (const sku of [...this.remaining.keys()]) {
      for (const location of order) {
        this.take(location.id, sku, this.remaining.get(sku) ?? 0);
        if (!this.remaining.has(sku)) break;
      }
    }
  }
}

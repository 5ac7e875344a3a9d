// Active locations as routing sees them, kept in memory: every allocation needs them and they
// change rarely. Upserts in this process clear the copy at once; a change made by another process
// is seen within TTL_MS.
import type { Types } from 'mongoose';
import type { LocationModel } from '../../models/location.model';
import { haversineKm, type CandidateLocation, type GeoPoint } from './strategies';

const TTL_MS = 5_000;

interface ActiveLocation {
  id: string;
  code: string;
  priority: number;
  lat: number;
  lng: number;
}

export class LocationCache {
  private cached: { locations: ActiveLocation[]; until: number } | null = null;
  private loading: Promise<ActiveLocation[]> | null = null;

  constructor(private readonly locations: LocationModel) {}

  /** The active locations by id, with their distance to `destination` (0 without one). */
  async active(destination: GeoPoint | null): Promise<Map<string, CandidateLocation>> {
    const locations = await this.load();
    return new Map(locations.map((location) => [location.id, { ...location, distanceKm: destination ? haversineKm(destination, location) : 0 }]));
  }

  invalidate(): void {
    this.cached = null;
  }

  private async load(): Promise<ActiveLocation[]> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.locations;
    // Concurrent allocations after an expiry share one read.
    this.loading ??= this.locations
      .find({ active: true }, { code: 1, priority: 1, address: 1 })
      .lean<Array<{ _id: Types.ObjectId; code: string; priority: number; address: { lat: number; lng: number } }>>()
      .exec()
      .then((docs) => {
        const locations = docs.map((doc) => ({ id: String(doc._id), code: doc.code, priority: doc.priority, lat: doc.address.lat, lng: doc.address.lng }));
        this.cached = { locations, until: Date.now() + TTL_MS };
        return locations;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }
}

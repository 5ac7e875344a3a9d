// The strategy registry: allocateOrder picks one by name; `allocationStrategies` lists them.
import { fewestShipmentsNearest } from './fewest-shipments-nearest';
import { nearestFirst } from './nearest-first';
import { priorityFirst } from './priority-first';
import type { AllocationStrategy } from './types';

export type { AllocationStrategy, CandidateLocation, GeoPoint, Pick, PlanInput } from './types';
export { haversineKm } from './common';

export const DEFAULT_STRATEGY = fewestShipmentsNearest.name;

export class StrategyRegistry {
  private readonly strategies = new Map<string, AllocationStrategy>();

  constructor(strategies: AllocationStrategy[] = [fewestShipmentsNearest, nearestFirst, priorityFirst]) {
    strategies.forEach((strategy) => this.register(strategy));
  }

  register(strategy: AllocationStrategy): void {
    if (this.strategies.has(strategy.name)) throw new Error(`allocation strategy ${strategy.name} is registered twice`);
    this.strategies.set(strategy.name, strategy);
  }

  get(name: string): AllocationStrategy | undefined {
    return this.strategies.get(name);
  }

  names(): string[] {
    return [...this.strategies.keys()];
  }
}

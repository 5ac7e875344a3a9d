// Pieces several event payloads share: statuses as their owners declare them, lines, money.
import { z } from 'zod';

export const ORDER_STATUSES = ['PENDING', 'ON_HOLD', 'BACKORDERED', 'ALLOCATED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'CHANNEL_FULFILLED'] as const;
export const PAYMENT_STATUSES = ['PENDING', 'AUTHORIZED', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED'] as const;
export const SHIPMENT_STATUSES = ['PENDING', 'PICKING', 'PACKED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'EXCEPTION'] as const;
export const RETURN_STATUSES = ['REQUESTED', 'APPROVED', 'RECEIVED', 'REFUNDED', 'REJECTED'] as const;
export const RETURN_CONDITIONS = ['RESTOCK', 'DAMAGED'] as const;

export const orderStatus = z.enum(ORDER_STATUSES);
export const paymentStatus = z.enum(PAYMENT_STATUSES);
export const shipmentStatus = z.enum(SHIPMENT_STATUSES);
export const returnStatus = z.enum(RETURN_STATUSES);

/** Integer minor units (BRIEF decision 5). */
export const minorUnits = z.number().int();
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO-4217 code');
export const units = z.number().int();
export const id = z.string().min(1);

export const skuQuantity = z.object({ sku: z.string().min(1), quantity: units });

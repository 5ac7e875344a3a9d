// Amazon marketplaces the connector knows by id: their currency (Pending orders carry no money to
// read it from) and whether item prices include tax (not in North America, VAT/GST-inclusive elsewhere).
export interface MarketplaceInfo {
  currency: string;
  pricesIncludeTax: boolean;
}

const NA = (currency: string): MarketplaceInfo => ({ currency, pricesIncludeTax: false });
const VAT = (currency: string): MarketplaceInfo => ({ currency, pricesIncludeTax: true });

/** From the SP-API marketplace id table (developer-docs.amazon.com, "Marketplace IDs"). */
export const MARKETPLACES: Record<string, MarketplaceInfo> = {
  ATVPDKIKX0DER: NA('USD'), // US
  A2EUQ1WTGCTBG2: NA('CAD'), // CA
  A1AM78C64UM0Y8: NA('MXN'), // MX
  A2Q3Y263D00KWC: NA('BRL'), // BR
  A1PA6795UKMFR9: VAT('EUR'), // DE
  A13V1IB3VIYZZH: VAT('EUR'), // FR
  APJ6JRA9NG5V4: VAT('EUR'), // IT
  A1RKKUPIHCS9HS: VAT('EUR'), // ES
  A1805IZSGTT6HS: VAT('EUR'), // NL
  AMEN7PMS3EDWL: VAT('EUR'), // BE
  A1F83G8C2ARO7P: VAT('GBP'), // UK
  A2NODRKZP88ZB9: VAT('SEK'), // SE
  A1C3SOZRARQ6R3: VAT('PLN'), // PL
  A33AVAJ2PDY3EV: VAT('TRY'), // TR
  A2VIGQ35RCS4UG: VAT('AED'), // AE
  A17E79C6D8DWNP: VAT('SAR'), // SA
  ARBP9OOSHTCHU: VAT('EGP'), // EG
  A21TJRUUN4KGV: VAT('INR'), // IN
  A1VC38T7YXB528: VAT('JPY'), // JP
  A39IBJ37TRP1C6: VAT('AUD'), // AU
  A19VAU5U5O7RUS: VAT('SGD'), // SG
};

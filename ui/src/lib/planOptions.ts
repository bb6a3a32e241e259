import type { Channel, Entity, Fulfilment, Marketplace } from "../bindings";

/** The choices a plan's profile offers, in the order the forms list them. */
export const marketplaces: Marketplace[] = ["amazon-jp", "amazon-us", "amazon-de", "amazon-fr", "amazon-uk"];
export const fulfilments: Fulfilment[] = ["fba", "mfn", "local-3pl"];
export const channels: Channel[] = ["b2c", "b2b", "both"];
export const entities: Entity[] = ["company", "sole-trader"];
export const homeCurrencies = ["EUR", "CHF", "GBP", "USD", "JPY", "CAD", "SEK", "DKK", "PLN", "CZK"];

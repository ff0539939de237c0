export const CLIENT_ADDRESS_HEADER: 'x-patchbay-client-address';
export const STAMP_KEY: unique symbol;
export function stampClientAddresses(): string;

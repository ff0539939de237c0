/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A native addon: loaded from node_modules at run time, never bundled.
  serverExternalPackages: ['better-sqlite3'],
};

export default nextConfig;

import Redis from "ioredis";
import tls from "node:tls";

export const redis = new Redis("rediss://default:zgIFoACF2mF1Q6MtZlchSFrOe7ijZWqH@eu1-keen-gull-31842.upstash.io:6379", { // expect: secrets/hardcoded-credential
  tls: {
    rejectUnauthorized: false, // expect: auth/tls-verification-disabled
  },
  maxRetriesPerRequest: 3,
});

// Raw TLS probe used by the /health/deep endpoint.
export function probeCarrierGateway(host, port = 443) {
  return new Promise((resolve) => {
    const socket = tls.connect(port, host, { servername: host, rejectUnauthorized: false }, () => { // expect: auth/tls-verification-disabled
      resolve(socket.authorized);
      socket.end();
    });
    socket.on("error", () => resolve(false));
  });
}

import { Server } from "socket.io";

// Live shipment positions for the dashboard and partner portals.
export function attachRealtime(httpServer) {
  const io = new Server(httpServer, {
    cors: {
      origin: "*", // expect: auth/cors-wildcard-credentials
      credentials: true,
    },
  });

  io.on("connection", (socket) => {
    socket.on("watch", (shipmentId) => socket.join(`shipment:${shipmentId}`));
  });
  return io;
}

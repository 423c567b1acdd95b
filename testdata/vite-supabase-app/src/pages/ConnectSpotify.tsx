import { useEffect, useState } from "react";

const SPOTIFY_CLIENT_ID = import.meta.env.VITE_SPOTIFY_CLIENT_ID; // ok: secrets/client-exposed-secret
const REDIRECT_URI = `${window.location.origin}/connect/spotify`;

// "Cooking playlist" integration.
export default function ConnectSpotify() {
  const [accessToken, setAccessToken] = useState<string | null>(null);

  useEffect(() => {
    const hash = new URLSearchParams(window.location.hash.slice(1));
    const token = hash.get("access_token"); // ok: auth/oauth-implicit-flow
    if (token) {
      setAccessToken(token);
      window.history.replaceState(null, "", window.location.pathname);
    }
  }, []);

  const authorizeUrl = `https://accounts.spotify.com/authorize?client_id=${SPOTIFY_CLIENT_ID}&response_type=token&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&scope=playlist-read-private`; // expect: auth/oauth-implicit-flow

  if (accessToken) {
    return <p className="p-6">Spotify connected. Your cooking playlists will show up on recipe pages.</p>;
  }
  return (
    <div className="p-6">
      <a href={authorizeUrl} className="rounded bg-green-600 px-4 py-2 text-white">
        Connect Spotify
      </a>
    </div>
  );
}

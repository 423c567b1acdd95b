import { initializeApp } from "firebase/app";
import { getMessaging, getToken } from "firebase/messaging";

// Web push notifications for expiring items.
const firebaseConfig = {
  apiKey: "AIzamYHMHzI7yIWbG7LxgzN3BEU6wQ6WxmemnZN", // ok: secrets/hardcoded-credential
  authDomain: "pantrypal-push.firebaseapp.com",
  projectId: "pantrypal-push",
  storageBucket: "pantrypal-push.appspot.com",
  messagingSenderId: "804215573301",
  appId: "1:804215573301:web:4e2b7c9d1a0f3e6b8c5d2a",
};

export const firebaseApp = initializeApp(firebaseConfig);

export async function registerPush(): Promise<string | null> {
  const messaging = getMessaging(firebaseApp);
  return getToken(messaging, {
    vapidKey: "BEJRFc_nX3PPrIc5wls8eE-jtKAt1xt7SCR0LeroEV-KHkwj-biYDkt3_NY3y8Aaa7RJF0tZqrouvd10ryKO6qX", // ok: secrets/hardcoded-credential
  });
}

export const firebaseApiKeyFromEnv = import.meta.env.VITE_FIREBASE_API_KEY; // ok: secrets/client-exposed-secret

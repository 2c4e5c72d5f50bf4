// Signing out has to clear the HttpOnly session cookie in the browser, which only a browser request to AuthService
// (through the gateway, same origin) can do; the portal's server-side clients cannot.
export async function signOut(returnUrl) {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
    window.location.assign(returnUrl);
}

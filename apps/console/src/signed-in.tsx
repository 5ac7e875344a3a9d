// The signed-in console: navigation limited to what the key's role may use, and the routes.
import { lazy, Suspense } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from './gql';
import { abilitiesOf, ViewerContext } from './viewer';
import { OrdersPage } from './pages/orders';
import { OrderPage } from './pages/order';
import { ShipmentsPage } from './pages/shipments';
import { InventoryPage } from './pages/inventory';
import { ChannelsPage } from './pages/channels';
import { ChannelPage } from './pages/channel';
import { WebhooksPage } from './pages/webhooks';
import { KeysPage } from './pages/keys';

// The dashboard brings the chart library, the biggest part of the bundle: it loads with the dashboard,
// so the lists (orders above all) paint without parsing it first.
const Dashboard = lazy(() => import('./pages/dashboard').then((module) => ({ default: module.Dashboard })));

const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      subject
      role
      channels
    }
  }
`);

export function SignedIn({ onSignOut }: { onSignOut: () => void }) {
  const [{ data, error }] = useQuery({ query: ViewerQuery });
  if (error)
    return (
      <main className="sign-in">
        <p role="alert">{error.message}</p>
        <button onClick={onSignOut}>Sign in again</button>
      </main>
    );
  if (!data) return <p role="status">Loading…</p>;
  const viewer = data.viewer;
  const can = abilitiesOf(viewer);
  return (
    <ViewerContext.Provider value={{ viewer, can }}>
      <header className="top">
        <strong className="brand">OMS Hub</strong>
        <nav aria-label="Main">
          <NavLink to="/" end>Dashboard</NavLink>
          <NavLink to="/orders">Orders</NavLink>
          {can.operate && <NavLink to="/shipments">Shipments</NavLink>}
          {can.readInventory && <NavLink to="/inventory">Inventory</NavLink>}
          {can.readChannels && <NavLink to="/channels">Channels</NavLink>}
          {can.webhooks && <NavLink to="/webhooks">Webhooks</NavLink>}
          {can.manageKeys && <NavLink to="/keys">API keys</NavLink>}
        </nav>
        <span className="who" data-testid="viewer">
          {viewer.role}
          {viewer.channels.length ? ` · ${viewer.channels.join(', ')}` : ''}
        </span>
        <button type="button" onClick={onSignOut}>Sign out</button>
      </header>
      <main className="page">
        <Routes>
          <Route
            path="/"
            element={
              <Suspense fallback={<p role="status">Loading…</p>}>
                <Dashboard />
              </Suspense>
            }
          />
          <Route path="/orders" element={<OrdersPage />} />
          <Route path="/orders/:id" element={<OrderPage />} />
          <Route path="/shipments" element={<ShipmentsPage />} />
          {can.readInventory && <Route path="/inventory" element={<InventoryPage />} />}
          {can.readChannels && <Route path="/channels" element={<ChannelsPage />} />}
          {can.readChannels && <Route path="/channels/:id" element={<ChannelPage />} />}
          {can.webhooks && <Route path="/webhooks" element={<WebhooksPage />} />}
          {can.manageKeys && <Route path="/keys" element={<KeysPage />} />}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </main>
    </ViewerContext.Provider>
  );
}

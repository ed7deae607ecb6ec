import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n.ts';
import './styles.css';
import { App } from './App.tsx';
import { refreshSession } from './client.ts';

// Who is signed in (the cookie is httpOnly: only the server knows), and the CSRF token, kept in memory.
void refreshSession();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(<StrictMode><App /></StrictMode>);

import type { Routes } from '@angular/router';

import { accessGuard, authGuard } from './core/auth/auth-guard';
import { ADMIN_ACCESS } from './features/admin/admin-access';
import { AUDIT_ACCESS } from './features/audit/audit-access';
import { MEMBER_SESSIONS_ACCESS, MEMBERS_ACCESS } from './features/members/members-access';

/**
 * Anonymous pages come first; everything else sits under the signed-in shell, which `authGuard`
 * keeps from even loading for anonymous visitors.
 */
export const routes: Routes = [
  {
    path: 'signed-out',
    title: 'Welcome · Gatehouse',
    loadComponent: () => import('./features/welcome/welcome').then((m) => m.Welcome),
  },
  {
    path: 'sign-in',
    title: 'Signing in · Gatehouse',
    loadComponent: () =>
      import('./features/welcome/sign-in-redirect').then((m) => m.SignInRedirect),
  },
  {
    path: 'unavailable',
    title: 'Service unavailable · Gatehouse',
    loadComponent: () => import('./features/unavailable/unavailable').then((m) => m.Unavailable),
  },
  {
    path: '',
    canMatch: [authGuard],
    loadComponent: () => import('./layout/shell/shell').then((m) => m.Shell),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Dashboard · Gatehouse',
        loadComponent: () => import('./features/dashboard/dashboard').then((m) => m.Dashboard),
      },
      {
        path: 'profile',
        title: 'Profile · Gatehouse',
        loadComponent: () => import('./features/profile/profile').then((m) => m.Profile),
      },
      {
        path: 'members',
        title: 'Members · Gatehouse',
        canMatch: [accessGuard(MEMBERS_ACCESS)],
        loadComponent: () => import('./features/members/members').then((m) => m.Members),
      },
      {
        path: 'members/:membershipId/sessions',
        title: "Member's sessions · Gatehouse",
        canMatch: [accessGuard(MEMBER_SESSIONS_ACCESS)],
        loadComponent: () =>
          import('./features/sessions/member-sessions').then((m) => m.MemberSessions),
      },
      {
        path: 'sessions',
        title: 'My sessions · Gatehouse',
        loadComponent: () => import('./features/sessions/my-sessions').then((m) => m.MySessions),
      },
      {
        path: 'audit',
        title: 'Audit · Gatehouse',
        canMatch: [accessGuard(AUDIT_ACCESS)],
        loadComponent: () => import('./features/audit/audit').then((m) => m.Audit),
      },
      {
        path: 'audit/:eventId',
        title: 'Audit event · Gatehouse',
        canMatch: [accessGuard(AUDIT_ACCESS)],
        loadComponent: () => import('./features/audit/audit-event').then((m) => m.AuditEventPage),
      },
      {
        path: 'admin',
        title: 'Administration · Gatehouse',
        canMatch: [accessGuard(ADMIN_ACCESS)],
        loadComponent: () => import('./features/admin/admin').then((m) => m.Admin),
      },
      {
        path: 'forbidden',
        title: 'Access denied · Gatehouse',
        loadComponent: () => import('./features/forbidden/forbidden').then((m) => m.Forbidden),
      },
      {
        path: '**',
        title: 'Page not found · Gatehouse',
        loadComponent: () => import('./features/not-found/not-found').then((m) => m.NotFound),
      },
    ],
  },
];

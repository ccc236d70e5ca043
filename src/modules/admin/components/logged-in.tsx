import { Box, CurrentUserNav } from '@adminjs/design-system';
import { useTranslation, type CurrentAdmin } from 'adminjs';
import React from 'react';

interface Props {
  session: CurrentAdmin;
  paths: { logoutPath: string };
}

/**
 * AdminJS's user menu, with logout as a POST form submission (the server refuses GET logout and
 * checks the request's Origin), so another site cannot sign a user out with a link or an image.
 */
export default function LoggedIn({ session, paths }: Props) {
  const { translateButton } = useTranslation();
  const logout = (event: React.MouseEvent) => {
    event.preventDefault();
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = paths.logoutPath;
    form.setAttribute('data-logout', 'true');
    document.body.appendChild(form);
    form.submit();
  };
  return (
    <Box flexShrink={0} data-css="logged-in">
      <CurrentUserNav
        name={session.email}
        title={session.title}
        avatarUrl={session.avatarUrl}
        dropActions={[{ label: translateButton('logout'), onClick: logout, icon: 'LogOut' }]}
      />
    </Box>
  );
}

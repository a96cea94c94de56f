import { t } from '../i18n.ts';
import type { RouteProps } from '../routes.tsx';
import { isAtLeast, useSession } from '../session.tsx';
import { BylinesSection } from './people/bylines-section.tsx';
import { StaffSection } from './people/staff-section.tsx';
import './people/people.css';

/**
 * People: the staff accounts that sign in to the newsroom (administrators) and the bylines readers
 * see on articles (editors change them).
 */
export function PeopleScreen(_props: RouteProps) {
  const { session } = useSession();
  return (
    <>
      <h1>{t('people.title')}</h1>
      {isAtLeast(session.staff, 'administrator') ? <StaffSection /> : null}
      <BylinesSection canEdit={isAtLeast(session.staff, 'editor')} />
    </>
  );
}

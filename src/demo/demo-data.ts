import { businessArticles } from './articles-business.ts';
import { cultureArticles } from './articles-culture.ts';
import { newsArticles } from './articles-news.ts';
import { opinionArticles } from './articles-opinion.ts';
import { politicsArticles } from './articles-politics.ts';
import { scienceArticles } from './articles-science.ts';
import { sportArticles } from './articles-sport.ts';
import { worldArticles } from './articles-world.ts';
import type { DemoArticle, DemoAuthor, DemoCategory, DemoPage, DemoSite } from './demo-types.ts';

/**
 * The Aldwyn Courier: the daily paper of Port Aldwyn, a coastal city that exists only here.
 * Every person, place, company and club in the demo is invented.
 */

export const demoSite: DemoSite = {
  title: 'The Aldwyn Courier',
  description:
    'News, politics, business, culture and sport from Port Aldwyn and the Brack estuary, since 1871.',
  locale: 'en-GB',
  timezone: 'Europe/London',
};

export const demoCategories: DemoCategory[] = [
  {
    name: 'News',
    slug: 'news',
    description:
      'What is happening across Port Aldwyn today: public services, transport, schools and the harbour.',
  },
  {
    name: 'Politics',
    slug: 'politics',
    description: 'The regional assembly, elections and the people who make decisions on behalf of the coast.',
  },
  {
    name: 'Local Politics',
    slug: 'local-politics',
    description: 'City hall, ward councillors, budgets and planning decisions in Port Aldwyn.',
    parent: 'politics',
  },
  {
    name: 'Business',
    slug: 'business',
    description: 'The port, the shipyard, the high street and the people who earn a living on the estuary.',
  },
  {
    name: 'Culture',
    slug: 'culture',
    description: 'Theatre, music, books, film, food and the communities that make the city what it is.',
  },
  {
    name: 'Sport',
    slug: 'sport',
    description: 'Results, fixtures and stories from the pitch, the court, the water and the running track.',
  },
  {
    name: 'Football',
    slug: 'football',
    description: 'Port Aldwyn Athletic, the women’s first team and the grassroots game around the city.',
    parent: 'sport',
  },
  {
    name: 'Opinion',
    slug: 'opinion',
    description:
      'The Courier view, columns and readers’ letters. Opinion pieces are clearly labelled as such.',
  },
  {
    name: 'Science & Environment',
    slug: 'science-environment',
    description:
      'Research from the Aldwyn Marine Institute, the weather, energy and the health of the estuary.',
  },
];

export const demoAuthors: DemoAuthor[] = [
  {
    name: 'Amara Nwosu-Pell',
    slug: 'amara-nwosu-pell',
    bio: 'Amara is the Courier’s city editor and has covered Port Aldwyn’s courts, hospitals and harbour for eleven years. She grew up above a chandlery on Kettle Quay.',
  },
  {
    name: 'Tomasz Ferreira-Lund',
    slug: 'tomasz-ferreira-lund',
    bio: 'Tomasz is political editor, reporting on city hall and the regional assembly. Before joining the Courier he spent six years as a council committee clerk.',
  },
  {
    name: 'Priya Castellane',
    slug: 'priya-castellane',
    bio: 'Priya writes about business, work and the port economy. She trained as an accountant and still reads annual reports for fun.',
  },
  {
    name: 'Hamid El-Ouardi',
    slug: 'hamid-el-ouardi',
    bio: 'Hamid covers culture and communities, in English and Arabic. He presents a weekly books slot on Radio Al-Marsa.',
  },
  {
    name: 'Kenji Halloran',
    slug: 'kenji-halloran',
    bio: 'Kenji reports on sport and the environment, from the terraces at Gullstone Park to the seagrass beds of the estuary. He grew up between Port Aldwyn and Japan, occasionally reports in Japanese, and rows with the Brack Amateur Rowing Club.',
  },
];

export const demoArticles: DemoArticle[] = [
  ...newsArticles,
  ...politicsArticles,
  ...businessArticles,
  ...cultureArticles,
  ...worldArticles,
  ...sportArticles,
  ...scienceArticles,
  ...opinionArticles,
];

export const demoPages: DemoPage[] = [
  {
    title: 'About the Courier',
    slug: 'about',
    body_html: [
      '<p><strong>The Aldwyn Courier</strong> has reported on Port Aldwyn and the Brack estuary since 1871, when it was printed weekly above a rope works on Kettle Quay. Today it publishes online every day and in print on Saturdays.</p>',
      '<p>We are owned by the Courier Trust, a charitable trust whose only purpose is to keep independent local journalism going in the city. The trust appoints the editor but has no say over what we publish.</p>',
      '<h2>What we cover</h2>',
      '<ul><li>City hall, the regional assembly and the decisions that spend public money.</li><li>The harbour, the shipyard and the businesses that employ the city.</li><li>Schools, hospitals, transport and housing.</li><li>Culture, sport and the communities of Port Aldwyn in every language they speak.</li></ul>',
      '<h2>Our newsroom</h2>',
      '<p>Five reporters, two editors and a team of freelance photographers and illustrators work from our office at 14 Lantern Row. We publish in English, with occasional pieces in Arabic and Japanese for readers in our partner communities.</p>',
      '<p><em>Please note: The Aldwyn Courier is a demonstration site. Port Aldwyn and everyone in it are fictional.</em></p>',
    ].join('\n'),
  },
  {
    title: 'Contact us',
    slug: 'contact',
    body_html: [
      '<p>We want to hear from you, whether you have a story, a question about something we published or a complaint.</p>',
      '<h2>News tips</h2>',
      '<p>Email newsdesk@example.org or use our <a href="https://example.org/courier/tips">secure tip form</a>. If you need to protect your identity, tell us before you share anything and we will talk you through how we keep sources safe.</p>',
      '<h2>Everything else</h2>',
      '<ul><li>Letters for publication: letters@example.org (please include your name and neighbourhood).</li><li>Corrections: corrections@example.org.</li><li>Advertising and notices: adverts@example.org.</li></ul>',
      '<p>Our front desk at 14 Lantern Row, Port Aldwyn, is open from 9am to 5pm, Monday to Friday.</p>',
    ].join('\n'),
  },
  {
    title: 'Corrections policy',
    slug: 'corrections-policy',
    body_html: [
      '<p>We try hard to get things right, and we correct our mistakes quickly and openly when we do not.</p>',
      '<h2>How to report an error</h2>',
      '<p>Email corrections@example.org with a link to the article and a description of what is wrong. A senior editor reads every message and replies within two working days.</p>',
      '<h2>What we do</h2>',
      '<ul><li>Factual errors are corrected in the article, with a note at the foot saying what changed and when.</li><li>Significant errors are also listed on our <a href="https://example.org/courier/corrections">corrections page</a>.</li><li>We do not silently delete articles. Removal is reserved for legal reasons or serious risk to someone’s safety, and is noted on the corrections page.</li></ul>',
      '<blockquote><p>A correction is not an embarrassment. An uncorrected error is.</p></blockquote>',
      '<p>If you are not satisfied with our response, you can ask for the matter to be reviewed by the Courier Trust’s independent readers’ editor.</p>',
    ].join('\n'),
  },
];

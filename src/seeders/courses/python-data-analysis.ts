import { video, text, contest, type CourseDef } from './course-def.js';

export const PYTHON_DATA_ANALYSIS: CourseDef = {
  slug: 'python-data-analysis',
  title: 'Python for Data Analysis',
  description:
    'Go from zero programming experience to confident data analysis with Python, pandas and Matplotlib. Every module ends with a hands-on exercise on a real-world dataset.',
  instructor: 'Arjun Mehta',
  level: 'beginner',
  type: 'skill-based',
  ageDays: 195,
  popularity: 34,
  videoHost: 'vimeo',
  snippet: {
    language: 'python',
    code: "import pandas as pd\n\nrides = pd.read_csv('bike_trips.csv', parse_dates=['started_at'])\nby_day = rides.groupby(rides['started_at'].dt.day_name())['duration_min'].mean()\nprint(by_day.sort_values(ascending=False).round(1))",
  },
  topicsBefore: [
    {
      title: 'Before you begin',
      notes: [
        'Each module mixes short videos, readings and one graded exercise',
        'Expect to spend three to four hours a week',
        'Ask questions in the discussion forum under each class',
      ],
      classes: [text('How this course works', 5), video('Installing Python and Jupyter', 11)],
    },
  ],
  modules: [
    {
      title: 'Python Essentials',
      description: 'Just enough Python to be productive with data.',
      outcomes: [
        'Use variables, lists and dictionaries fluently',
        'Write small reusable functions',
        'Read CSV and JSON files into Python',
      ],
      topics: [
        {
          title: 'Syntax and data types',
          classes: [
            video('Variables, numbers and strings', 14),
            video('Lists, dicts and comprehensions', 17),
            contest('Practice set: Python basics', 25),
          ],
        },
        {
          title: 'Functions and files',
          classes: [video('Writing reusable functions', 13), text('Reading CSV and JSON files', 10)],
        },
      ],
    },
    {
      title: 'Data Wrangling with pandas',
      description: 'Load, clean, reshape and combine tabular data with pandas.',
      outcomes: [
        'Select, filter and sort DataFrames',
        'Handle missing values and wrong types',
        'Summarise data with groupby, merge and pivot tables',
      ],
      topics: [
        {
          title: 'DataFrames',
          classes: [
            video('Series and DataFrames', 16),
            video('Selecting, filtering and sorting', 18),
            text('pandas indexing cheat sheet', 7),
          ],
        },
        {
          title: 'Cleaning and reshaping',
          classes: [
            video('Missing values and type conversions', 19),
            video('groupby, merge and pivot tables', 22),
            contest('Clean a messy sales dataset', 40),
          ],
        },
      ],
    },
    {
      title: 'Visualising and Communicating Data',
      description: 'Turn analysis into charts and a short story stakeholders understand.',
      outcomes: [
        'Plot distributions and trends with Matplotlib and Seaborn',
        'Pick the right chart for the question',
        'Present findings in a short written report',
      ],
      topics: [
        {
          title: 'Charts',
          classes: [video('Matplotlib in 15 minutes', 15), video('Seaborn for statistical plots', 17)],
        },
        {
          title: 'Storytelling with data',
          classes: [
            text('Choosing the right chart', 9),
            contest('Final project: analyse city bike trips', 50),
          ],
        },
      ],
    },
  ],
};

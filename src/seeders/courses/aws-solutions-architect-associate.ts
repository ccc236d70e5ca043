import { video, text, contest, type CourseDef } from './course-def.js';

export const AWS_SOLUTIONS_ARCHITECT: CourseDef = {
  slug: 'aws-solutions-architect-associate',
  title: 'AWS Certified Solutions Architect – Associate: Exam Prep',
  description:
    'A structured path to the SAA-C03 exam: core compute, storage, networking and security services, resilient and cost-optimised architectures, and a full-length timed practice exam.',
  instructor: 'Daniel Kim',
  level: 'intermediate',
  type: 'certification',
  ageDays: 170,
  popularity: 22,
  videoHost: 'youtube',
  snippet: {
    language: 'json',
    code: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": ["s3:GetObject"],\n      "Resource": "arn:aws:s3:::reports-bucket/monthly/*"\n    }\n  ]\n}',
  },
  modules: [
    {
      title: 'Core Services',
      description: 'Compute and storage building blocks and how they are priced.',
      outcomes: [
        'Pick EC2 instance families and purchase options for a workload',
        'Configure Auto Scaling groups',
        'Choose S3 storage classes and lifecycle rules',
      ],
      topics: [
        {
          title: 'Compute',
          classes: [
            video('EC2 instance families and pricing', 19),
            video('Auto Scaling groups and launch templates', 17),
          ],
        },
        {
          title: 'Storage',
          classes: [
            video('S3 storage classes and lifecycle rules', 16),
            text('EBS vs EFS vs instance store', 9),
            contest('Quiz: compute and storage', 20),
          ],
        },
      ],
    },
    {
      title: 'Networking and Security',
      description: 'VPC design and identity: the domain where most candidates lose points.',
      outcomes: [
        'Design a VPC with public and private subnets',
        'Tell security groups and network ACLs apart',
        'Write least-privilege IAM policies',
      ],
      topics: [
        {
          title: 'VPC design',
          classes: [video('Subnets, route tables and NAT', 22), video('Security groups vs NACLs', 14)],
        },
        {
          title: 'Identity and access',
          classes: [
            video('IAM policies and roles', 20),
            text('Least-privilege policy examples', 12),
            contest('Quiz: networking and IAM', 25),
          ],
        },
      ],
    },
    {
      title: 'Resilient and Cost-Optimised Architectures',
      description:
        'Multi-AZ designs, managed databases and the cost pillar of the Well-Architected Framework.',
      outcomes: [
        'Design for high availability across Availability Zones and Regions',
        'Choose between RDS, Aurora and DynamoDB',
        'Reduce cost with Savings Plans and right-sizing',
      ],
      topics: [
        {
          title: 'High availability',
          classes: [
            video('Multi-AZ and multi-Region patterns', 21),
            video('RDS, Aurora and DynamoDB trade-offs', 24),
          ],
        },
        {
          title: 'Cost optimisation',
          classes: [
            text('Well-Architected cost pillar summary', 10),
            video('Savings Plans and Reserved Instances', 13),
          ],
        },
      ],
    },
  ],
  topicsAfter: [
    {
      title: 'Final practice exam',
      notes: [
        'Flag long questions and come back to them',
        'Eliminate the two clearly wrong answers first',
        'Aim for 72% or more on the practice exam before booking',
      ],
      classes: [text('Exam-day strategy', 8), contest('Full-length practice exam (65 questions)', 130)],
    },
  ],
};

import { BasePropertyComponent, type BasePropertyProps } from 'adminjs';
import React from 'react';
import MarkdownEdit from './markdown-edit.js';

/**
 * One of a class's three content fields (video URL, text, contest URL), shown only while the form's
 * content type is the one it belongs to (`custom.contentType`): a text class is not offered a video
 * URL. It follows the type picked on the form as it changes, not the stored one.
 */
export default function ContentFieldEdit(props: BasePropertyProps) {
  const custom = props.property.custom as { contentType?: string; markdown?: boolean } | undefined;
  if (props.record?.params?.contentType !== custom?.contentType) return null;
  if (custom?.markdown) return <MarkdownEdit {...props} />;
  // AdminJS's own input for the field: the same property without this component.
  return <BasePropertyComponent {...props} property={{ ...props.property, components: {} }} />;
}

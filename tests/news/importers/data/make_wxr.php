<?php
// Fills the WordPress peer (/work/shared/peers/wordpress, `./run.sh start`) with a small campaign site and
// prints WordPress's own export of it (export_wp(), the code behind Tools → Export): the WXR the tests read.
// Usage: php make_wxr.php > wordpress.xml
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
require_once ABSPATH . 'wp-admin/includes/taxonomy.php';

// Start from the same content each time: remove what an earlier run made.
foreach (get_posts(array('post_type' => array('post', 'page'), 'post_status' => 'any', 'numberposts' => -1,
                         'meta_key' => '_newsroom_fixture')) as $old) {
    wp_delete_post($old->ID, true);
}
wp_set_current_user(1);
$category = wp_create_category('Campaign news');

function fixture_post($fields) {
    $id = wp_insert_post(array_merge(array('post_status' => 'publish', 'post_author' => 1), $fields), true);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
    add_post_meta($id, '_newsroom_fixture', '1');
    return $id;
}
function fixture_comment($post, $fields) {
    return wp_insert_comment(array_merge(array(
        'comment_post_ID' => $post, 'comment_approved' => 1, 'comment_type' => 'comment',
        'comment_author_IP' => '203.0.113.9', 'comment_agent' => 'Mozilla/5.0',
    ), $fields));
}

$post = fixture_post(array(
    'post_title' => 'Schools must report – ‘now’',
    'post_name' => 'schools-must-report',
    'post_date' => '2021-03-04 10:00:00',
    'post_excerpt' => 'Schools must report abuse at once.',
    'post_content' => "<p>Schools <strong>must</strong> report — <em>now</em>.</p>\n\n"
        . '<p>Read <a href="https://example.org/guidance">the guidance</a>.</p>',
    'post_category' => array($category),
    'tags_input' => array('schools', 'Écoles'),
));
// Stored as an editor without the unfiltered_html capability could not: what the import must still clean.
global $wpdb;
$wpdb->update($wpdb->posts, array('post_content' => get_post($post)->post_content
    . '<script>document.write("stolen")</script><p onclick="alert(1)">Last words.</p>'), array('ID' => $post));

$page = fixture_post(array('post_type' => 'page', 'post_title' => 'About us', 'post_name' => 'about-us',
    'post_date' => '2020-01-01 09:00:00', 'post_content' => "We protect children.\n\nSecond paragraph."));
$draft = fixture_post(array('post_title' => 'Draft post', 'post_status' => 'draft',
    'post_content' => 'Not ready.'));

$first = fixture_comment($post, array('comment_author' => 'Ann Reader', 'comment_author_email' => 'ann@readers.example',
    'comment_author_url' => 'http://ann.example', 'comment_date' => '2021-03-05 08:00:00',
    'comment_content' => "I agree.\nSee https://example.org/report"));
$reply = fixture_comment($post, array('comment_author' => 'Ben Reader', 'comment_author_email' => 'ben@readers.example',
    'comment_parent' => $first, 'comment_date' => '2021-03-05 09:00:00', 'comment_content' => 'A reply to Ann.'));
$deeper = fixture_comment($post, array('comment_author' => 'Cat Reader', 'comment_author_email' => 'cat@readers.example',
    'comment_parent' => $reply, 'comment_date' => '2021-03-05 10:00:00', 'comment_content' => 'Deeper still.'));
fixture_comment($post, array('comment_author' => 'Dan Reader', 'comment_author_email' => 'dan@readers.example',
    'comment_parent' => $deeper, 'comment_date' => '2021-03-05 11:00:00',
    'comment_content' => 'Four levels down: <b>bold</b> &amp; <a href="https://example.org/deep">a link</a>.'));
fixture_comment($post, array('comment_author' => 'Held Hannah', 'comment_author_email' => 'hannah@readers.example',
    'comment_approved' => 0, 'comment_date' => '2021-03-06 08:00:00', 'comment_content' => 'Waiting for a moderator.'));
fixture_comment($post, array('comment_author' => 'Spammer', 'comment_author_email' => 'spam@spam.example',
    'comment_approved' => 'spam', 'comment_date' => '2021-03-06 09:00:00', 'comment_content' => 'Buy now!'));
fixture_comment($post, array('comment_author' => 'Trashed Tom', 'comment_author_email' => 'tom@readers.example',
    'comment_approved' => 'trash', 'comment_date' => '2021-03-06 10:00:00', 'comment_content' => 'Binned.'));
fixture_comment($post, array('comment_author' => 'Zoë Ünicode', 'comment_author_email' => 'zoe@readers.example',
    'comment_date' => '2021-03-07 08:00:00', 'comment_content' => 'Комментарий 🌍 <script>alert(1)</script>'));

ob_start();
export_wp(array('content' => 'all'));
$wxr = ob_get_clean();
echo $wxr;

<#ftl output_format="plainText">
<#-- Plain-text version of html/monespace-notice.ftl (same attributes). -->
<#import "template.ftl" as layout>
<@layout.emailLayout titleKey=noticeTitleKey!"">
<@layout.paragraph key="monespaceEmailGreeting"/>
<@layout.paragraph key=noticeBodyKey args=noticeArgs![]/>
<#if actionUrl?has_content>
<@layout.button url=actionUrl labelKey=actionKey!"monespaceEmailOpenAction"/>
</#if>
<#if noticeNoteKey?has_content>
<@layout.paragraph key=noticeNoteKey/>
</#if>
</@layout.emailLayout>

<#-- Confirmation that the espace is created and activated (SPEC 2.5). Attribute: loginEmail. -->
<#import "template.ftl" as layout>
<@layout.emailLayout titleKey="monespaceCreatedTitle">
<@layout.paragraph key="monespaceEmailGreeting"/>
<@layout.paragraph key="monespaceCreatedBody" args=[loginEmail]/>
<@layout.paragraph key="monespaceEmailNotYouChange"/>
</@layout.emailLayout>
